import type { App } from 'antd';

type MessageInstance = ReturnType<typeof App.useApp>['message'];

/**
 * Toasts for code outside React (the query cache's error handlers); the instance comes from antd's <App> so it
 * follows the theme and locale. Until it is bound, errors go to the console only.
 */
let instance: MessageInstance | null = null;

export function bindFeedback(message: MessageInstance) {
  instance = message;
}

export const feedback = {
  error(text: string) {
    if (instance) instance.error(text);
    else console.error(text);
  },
};
