/**
 * The desk's workplaces, their paths and their keys: the header's tabs and the intake's shortcut bar
 * list the same ones.
 */
export const NAV: { section: 'intake' | 'today' | 'delivery' | 'prereview' | 'appointments' | 'complaints'; href: string; label: 'nav.intake' | 'nav.today' | 'nav.delivery' | 'nav.prereview' | 'nav.appointments' | 'cp.nav'; key: string }[] = [
  { section: 'intake', href: '/desk', label: 'nav.intake', key: 'Alt+1' },
  { section: 'today', href: '/desk/today', label: 'nav.today', key: 'Alt+2' },
  { section: 'delivery', href: '/desk/delivery', label: 'nav.delivery', key: 'Alt+3' },
  { section: 'prereview', href: '/desk/prereview', label: 'nav.prereview', key: 'Alt+4' },
  { section: 'appointments', href: '/desk/appointments', label: 'nav.appointments', key: 'Alt+5' },
  { section: 'complaints', href: '/desk/complaints', label: 'cp.nav', key: 'Alt+6' },
];
