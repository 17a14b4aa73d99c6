import { mount } from '../../shared/AppShell';
import { PortalApp } from './PortalApp';

mount(<PortalApp />);
