// A resident's phone page: the phone's messages only (lib/i18n/areas.ts).
export { PhoneMessages as default } from '@/components/ui/Messages';
