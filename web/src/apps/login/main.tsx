import { mount } from '../../shared/AppShell';
import { LoginApp } from './LoginApp';
import { PortalA11y } from '../portal/a11y/PortalA11y';

// The sign-in page is public too: the portal's contrast fixes apply to it.
mount(
  <PortalA11y>
    <LoginApp />
  </PortalA11y>,
);
