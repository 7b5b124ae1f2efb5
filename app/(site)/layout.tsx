import '../globals.css';

// The public site's pages: the whole stylesheet and the site's messages (lib/i18n/areas.ts).
export { SiteMessages as default } from '@/components/ui/Messages';
