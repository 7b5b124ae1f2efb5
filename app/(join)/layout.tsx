import '../join.css';

// The pages a resident opens first, by scanning a QR code (/j/<code>, /join?card=…): a stylesheet of
// their own (join.css), smaller still than the phone's, and the join form's messages only
// (lib/i18n/areas.ts). Both travel in the HTML of a first visit, often over hall Wi-Fi.
export { JoinMessages as default } from '@/components/ui/Messages';
