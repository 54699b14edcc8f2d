import type { ThemeConfig } from 'antd';

/** One place for the console's look: the union red as the brand accent, antd's blue for actions. */
export const brandRed = '#c8102e';

export const consoleTheme: ThemeConfig = {
  token: {
    colorPrimary: '#1f6fd1',
    borderRadius: 6,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif",
  },
  components: {
    Layout: { headerBg: '#ffffff', headerHeight: 56, headerPadding: '0 24px', siderBg: '#001529' },
    Table: { headerBg: '#fafafa' },
  },
};
