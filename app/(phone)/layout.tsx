import '../phone.css';

// A resident's phone pages: their own small stylesheet (phone.css) and the phone's messages only
// (lib/i18n/areas.ts).
export { PhoneMessages as default } from '@/components/ui/Messages';
