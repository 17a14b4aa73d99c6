import { mount } from '../../shared/AppShell';
import { PortalApp } from './PortalApp';
import { PortalA11y } from './a11y/PortalA11y';

mount(
  <PortalA11y>
    <PortalApp />
  </PortalA11y>,
);
