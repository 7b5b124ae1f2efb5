// A public site page: the site's messages (lib/i18n/areas.ts).
export { SiteMessages as default } from '@/components/ui/Messages';
