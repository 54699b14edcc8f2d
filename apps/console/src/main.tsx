import { setChineseValidationMessages } from '@huzhu/core';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { StrictMode, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { sessionKey } from './api/auth.api.ts';
import { ApiError, setUnauthorizedHandler } from './api/http-client.ts';
import { bindFeedback, feedback } from './components/feedback.ts';
import { I18nProvider, useI18n } from './i18n/i18n.tsx';
import { router } from './router.tsx';
import { consoleTheme } from './theme.ts';
import './styles.css';

/**
 * 401 and 404 are answered on the page itself (login redirect, not-found state), as is any failure of a query or
 * mutation marked `meta.ownErrors`; every other failure gets a toast with the server's message.
 */
const handledOnPage = (e: unknown) => e instanceof ApiError && (e.status === 401 || e.status === 404);

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // A refusal (4xx) will not change on retry; a network blip may.
      retry: (count, e) => !(e instanceof ApiError && e.status >= 400 && e.status < 500) && count < 2,
    },
  },
  queryCache: new QueryCache({
    onError: (e, query) => {
      if (!handledOnPage(e) && !query.meta?.ownErrors) feedback.error((e as Error).message);
    },
  }),
  mutationCache: new MutationCache({
    onError: (e, _vars, _ctx, mutation) => {
      if (!mutation.meta?.ownErrors) feedback.error((e as Error).message);
    },
  }),
});

setUnauthorizedHandler(() => queryClient.setQueryData(sessionKey, null));

function FeedbackBridge() {
  const { message } = AntApp.useApp();
  useEffect(() => bindFeedback(message), [message]);
  return null;
}

function Root() {
  const { locale } = useI18n();
  return (
    <ConfigProvider locale={locale === 'zh' ? zhCN : enUS} theme={consoleTheme}>
      <AntApp>
        <FeedbackBridge />
        <RouterProvider router={router} />
      </AntApp>
    </ConfigProvider>
  );
}

const container = document.getElementById('root');
if (!container) throw new Error('missing #root');
setChineseValidationMessages();

createRoot(container).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <Root />
      </I18nProvider>
    </QueryClientProvider>
  </StrictMode>,
);
