import {
  AppstoreOutlined, BankOutlined, BuildOutlined, CarOutlined, CoffeeOutlined, GlobalOutlined, HeartOutlined, HomeOutlined,
  MedicineBoxOutlined, ReadOutlined, RocketOutlined, ShopOutlined, SmileOutlined, TeamOutlined, UserOutlined,
} from '@ant-design/icons';
import type { ComponentType } from 'react';

// Admins pick a key; the portal draws it. Unknown keys get a neutral icon rather than nothing.
const ICONS: Record<string, ComponentType<{ style?: React.CSSProperties }>> = {
  baby: SmileOutlined,
  heart: HeartOutlined,
  school: ReadOutlined,
  car: CarOutlined,
  plane: GlobalOutlined,
  home: HomeOutlined,
  build: BuildOutlined,
  aid: MedicineBoxOutlined,
  accessible: UserOutlined,
  retire: CoffeeOutlined,
  flower: TeamOutlined,
  shop: ShopOutlined,
  company: BankOutlined,
  rocket: RocketOutlined,
};

export const EVENT_ICON_KEYS = Object.keys(ICONS);

export function EventIcon({ icon, size = 28 }: { icon: string; size?: number }) {
  const Icon = ICONS[icon] ?? AppstoreOutlined;
  return <Icon style={{ fontSize: size, color: '#1d5fb8' }} aria-hidden />;
}
