// Who is signed in decides the screen: the login steps, or the console itself.
import { Spin } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { Me } from './api.ts';
import { api, SESSION_ENDED_EVENT } from './api.ts';
import { ConsoleLayout } from './console-layout.tsx';
import { LoginPage } from './login-page.tsx';

export function ConsoleApp() {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [endedMessage, setEndedMessage] = useState<string | null>(null);

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

  useEffect(() => {
    const ended = (event: Event) => {
      setEndedMessage((event as CustomEvent<string>).detail);
      setMe(null);
    };
    window.addEventListener(SESSION_ENDED_EVENT, ended);
    return () => window.removeEventListener(SESSION_ENDED_EVENT, ended);
  }, []);

  if (me === undefined) {
    return (
      <div style={{ display: 'flex', height: '100vh', alignItems: 'center', justifyContent: 'center' }}>
        <Spin description="正在载入……" size="large">
          <div style={{ width: 120, height: 60 }} />
        </Spin>
      </div>
    );
  }
  if (me === null || me.mustChangePassword) {
    return (
      <LoginPage
        me={me}
        notice={endedMessage}
        onSignedIn={async () => {
          setEndedMessage(null);
          await loadMe();
        }}
      />
    );
  }
  return <ConsoleLayout me={me} onSignedOut={() => setMe(null)} />;
}
