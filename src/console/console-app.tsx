// Who is signed in decides the screen: the login steps, or the console itself.
import { Spin } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { Me } from './api.ts';
import { api } from './api.ts';
import { ConsoleLayout } from './console-layout.tsx';
import { LoginPage } from './login-page.tsx';

export function ConsoleApp() {
  const [me, setMe] = useState<Me | null | undefined>(undefined);

  const loadMe = useCallback(async () => {
    try {
      setMe(await api<Me>('/api/auth/me'));
    } catch {
      // Not signed in (401), or the server cannot be reached: the login form says the rest.
      setMe(null);
    }
  }, []);

  useEffect(() => {
    void loadMe();
  }, [loadMe]);

  if (me === undefined) {
    return (
      <div style={{ display: 'flex', height: '100vh', alignItems: 'center', justifyContent: 'center' }}>
        <Spin description="正在载入……" size="large">
          <div style={{ width: 120, height: 60 }} />
        </Spin>
      </div>
    );
  }
  if (me === null || me.mustChangePassword) return <LoginPage me={me} onSignedIn={loadMe} />;
  return <ConsoleLayout me={me} onSignedOut={() => setMe(null)} />;
}
