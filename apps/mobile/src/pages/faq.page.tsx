import { Collapse, DotLoading, ErrorBlock, NavBar, SearchBar } from 'antd-mobile';
import { faqCategoryLabels } from '@huzhu/core';
import { useState } from 'react';
import { api } from '../api/api.ts';
import { useLoad } from '../use-load.ts';

/** 政策问答: the office's published questions, searchable by any word of the question or the answer. */
export function FaqPage({ navigate }: { navigate: (p: string) => void }) {
  const [q, setQ] = useState('');
  const { data, error } = useLoad(() => api.faq(q.trim()), [q]);
  return (
    <div className="page">
      <NavBar className="nav" onBack={() => navigate('')}>
        政策问答
      </NavBar>
      <div className="search">
        <SearchBar placeholder="搜索问题，如：外地就医" value={q} onChange={setQ} aria-label="搜索问题" />
      </div>
      {error && <p className="form-error">{error}</p>}
      {!data && !error && (
        <div className="center">
          <DotLoading color="primary" />
        </div>
      )}
      {data?.length === 0 && (
        <ErrorBlock status="empty" title="没有找到相关问题" description="换个关键词试试，或咨询所在单位工会" />
      )}
      {data && data.length > 0 && (
        <Collapse accordion className="faq">
          {data.map((f) => (
            <Collapse.Panel
              key={f.id}
              title={
                <span>
                  <span className="faq-cat">{faqCategoryLabels[f.category]}</span>
                  {f.question}
                </span>
              }
            >
              <p className="faq-answer">{f.answer}</p>
            </Collapse.Panel>
          ))}
        </Collapse>
      )}
    </div>
  );
}
