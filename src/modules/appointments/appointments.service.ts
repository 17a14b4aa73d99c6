/**
 * The appointment services, one file per job; this index keeps the one import path the routes,
 * the queue and the reminder job use.
 */
export type { AppointmentDeps } from './appointment-deps.js';
export { bookingView, type BookingView, type CategoryView } from './appointment-views.js';
export {
  createCategory, getCategoryAdmin, listCategoriesAdmin, setTemplate, updateCategory, type CategoryInput,
} from './appointment-categories.service.js';
export { adminSlots, generateSlots, putDay } from './appointment-slots.service.js';
export {
  book, cancelBooking, changeBooking, getBooking, listCategoriesPublic, publicSlots, type BookInput,
} from './appointment-booking.service.js';
export { checkIn, linkCase, type CheckInBy } from './appointment-check-in.service.js';
export { deskList } from './appointment-desk.service.js';
export { queueReminders, type ReminderRun } from './appointment-reminders.service.js';
