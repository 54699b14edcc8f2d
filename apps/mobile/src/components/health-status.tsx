import { useCallback, useEffect, useRef, useState } from 'react';
import { fetchHealth } from '../api/health.api.ts';

type State = 'checking' | 'up' | 'down';

const labels: Record<State, string> = {
  checking: '正在连接服务…',
  up: '服务运行正常',
  down: '暂时无法连接服务，请稍后再试',
};

/** A quiet line at the foot of the page: whether the member service can be reached right now. */
export function HealthStatus() {
  const [state, setState] = useState<State>('checking');
  const inFlight = useRef<AbortController | null>(null);

  const check = useCallback(() => {
    inFlight.current?.abort();
    const controller = new AbortController();
    inFlight.current = controller;
    setState('checking');
    void fetchHealth(controller.signal).then((health) => {
      if (!controller.signal.aborted) setState(health ? 'up' : 'down');
    });
  }, []);

  useEffect(() => {
    check();
    return () => inFlight.current?.abort();
  }, [check]);

  return (
    <output className={`health health-${state}`} aria-live="polite">
      <span className="health-dot" aria-hidden="true" />
      {labels[state]}
      {state === 'down' && (
        <button type="button" className="health-retry" onClick={check}>
          重试
        </button>
      )}
    </output>
  );
}
