import { Button, NavBar, Result } from 'antd-mobile';
import type { Feature } from '../features.ts';

/** What a member sees on a service that is not open yet: what it will do, and what to do today instead. */
export function ComingSoonPage({ feature, onBack }: { feature: Feature; onBack: () => void }) {
  return (
    <div className="page">
      <NavBar className="nav" onBack={onBack} backIcon>
        {feature.title}
      </NavBar>

      <Result
        className="soon"
        status="waiting"
        title="即将开放"
        description={`“${feature.title}”服务正在建设中，开放后将在这里提供。`}
      />

      <section className="card" aria-labelledby="plans-heading">
        <h2 id="plans-heading" className="card-title">
          开放后您可以
        </h2>
        <ul className="plans">
          {feature.plans.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      </section>

      <section className="card" aria-labelledby="meanwhile-heading">
        <h2 id="meanwhile-heading" className="card-title">
          现在怎么办
        </h2>
        <p className="card-text">{feature.meanwhile}</p>
      </section>

      <div className="actions">
        <Button block color="primary" size="large" onClick={onBack}>
          返回首页
        </Button>
      </div>
    </div>
  );
}
