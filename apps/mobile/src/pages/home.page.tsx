import { Grid, NoticeBar, Tag } from 'antd-mobile';
import { FeatureIcon } from '../components/feature-icon.tsx';
import { HealthStatus } from '../components/health-status.tsx';
import { type FeatureKey, features } from '../features.ts';

/** The office's three promises to its members, in its own words; the lines under them claim nothing not yet built. */
const promises = [
  { title: '参保安心', line: '互助共济有保障' },
  { title: '理赔省心', line: '材料少 办得快' },
  { title: '服务暖心', line: '不分城乡户籍' },
];

export function HomePage({ onOpen }: { onOpen: (key: FeatureKey) => void }) {
  return (
    <div className="page">
      <header className="hero">
        <div className="hero-mark" aria-hidden="true">
          互
        </div>
        <div>
          <h1 className="hero-title">重庆职工互助保障</h1>
          <p className="hero-subtitle">中国职工保险互助会重庆办事处 · 会员服务</p>
        </div>
      </header>

      <ul className="promises" aria-label="我们的承诺">
        {promises.map((p) => (
          <li key={p.title} className="promise">
            <strong>{p.title}</strong>
            <span>{p.line}</span>
          </li>
        ))}
      </ul>

      <NoticeBar className="notice" color="default" content="会员自助服务正在建设中，以下功能将陆续开放。" wrap />

      <section className="section" aria-labelledby="services-heading">
        <h2 id="services-heading" className="section-title">
          会员服务
        </h2>
        <Grid columns={2} gap={12}>
          {features.map((f) => (
            <Grid.Item key={f.key}>
              <button
                type="button"
                className="tile"
                aria-label={`${f.title}（即将开放）：${f.summary}`}
                onClick={() => onOpen(f.key)}
              >
                <span className="tile-head">
                  <FeatureIcon name={f.key} />
                  <Tag className="tile-tag" color="default" fill="outline">
                    即将开放
                  </Tag>
                </span>
                <span className="tile-title">{f.title}</span>
                <span className="tile-summary">{f.summary}</span>
              </button>
            </Grid.Item>
          ))}
        </Grid>
      </section>

      <footer className="footer">
        <HealthStatus />
      </footer>
    </div>
  );
}
