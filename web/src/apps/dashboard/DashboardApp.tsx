/** Placeholder until this UI is built. */
export function DashboardApp() {
  return <main><h1>领导驾驶舱</h1></main>;
}
