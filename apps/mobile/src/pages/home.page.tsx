import { Grid, NoticeBar, Tag } from 'antd-mobile';
import { FeatureIcon } from '../components/feature-icon.tsx';
import { HealthStatus } from '../components/health-status.tsx';
import type { FeatureKey } from '../features.ts';
import { useSession } from '../session.ts';

/** The office's three promises to its members, in its own words. */
const promises = [
  { title: '参保安心', line: '互助共济有保障' },
  { title: '理赔省心', line: '材料少 办得快' },
  { title: '服务暖心', line: '不分城乡户籍' },
];

const tiles: { key: FeatureKey; to: string; title: string; summary: string; soon?: boolean }[] = [
  { key: 'coverage', to: 'cover', title: '我的保障', summary: '保障项目、等待期与电子凭证' },
  { key: 'claim', to: 'claims', title: '申领', summary: '拍照上传材料，随时查进度' },
  { key: 'faq', to: 'faq', title: '政策问答', summary: '外地就医能报销吗？' },
  { key: 'enrol', to: 'enrol', title: '个人参保', summary: '新就业形态劳动者扫码参保' },
];

export function HomePage({ navigate }: { navigate: (p: string) => void }) {
  const { account } = useSession();
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

      {account === null && (
        <NoticeBar
          className="notice link"
          color="info"
          wrap
          content="手机号登录并实名认证后，可查看本人保障、在线申领互助金。点此登录"
          onClick={() => navigate('login')}
        />
      )}
      {account && !account.realNameVerified && (
        <NoticeBar
          className="notice link"
          color="alert"
          wrap
          content="您还未完成实名认证，认证后才能查看保障和申领。点此认证"
          onClick={() => navigate('real-name')}
        />
      )}
      {account?.realNameVerified && (
        <NoticeBar className="notice" color="default" wrap content={`${account.maskedName ?? ''}，您好！`} />
      )}

      <section className="section" aria-labelledby="services-heading">
        <h2 id="services-heading" className="section-title">
          会员服务
        </h2>
        <Grid columns={2} gap={12}>
          {tiles.map((t) => (
            <Grid.Item key={t.key}>
              <button
                type="button"
                className="tile"
                aria-label={`${t.title}${t.soon ? '（即将开放）' : ''}：${t.summary}`}
                onClick={() => navigate(t.to)}
              >
                <span className="tile-head">
                  <FeatureIcon name={t.key} />
                  {t.soon && (
                    <Tag className="tile-tag" color="default" fill="outline">
                      即将开放
                    </Tag>
                  )}
                </span>
                <span className="tile-title">{t.title}</span>
                <span className="tile-summary">{t.summary}</span>
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
