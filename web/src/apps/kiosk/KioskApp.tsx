/** Placeholder until this UI is built. */
export function KioskApp() {
  return <main><h1>自助终端</h1></main>;
}
