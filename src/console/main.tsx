// Entry of the staff console: Ant Design in Simplified Chinese, dates in Chinese.
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ConsoleApp } from './console-app.tsx';

dayjs.locale('zh-cn');

const root = document.getElementById('root');
if (root !== null) {
  createRoot(root).render(
    <StrictMode>
      <ConfigProvider locale={zhCN} theme={{ token: { colorPrimary: '#b71c1c', borderRadius: 4 } }}>
        <AntApp>
          <ConsoleApp />
        </AntApp>
      </ConfigProvider>
    </StrictMode>,
  );
}
