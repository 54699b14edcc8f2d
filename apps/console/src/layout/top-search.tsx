import { normalizeText } from '@huzhu/core';
import { Input } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useCan } from '../auth/session.tsx';
import { useI18n } from '../i18n/i18n.tsx';

/** A claim's id (a UUID), pasted whole. */
const CLAIM_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** 申领编号: the 8 characters every SMS quotes (the id's last 8 hex digits). */
const CLAIM_NUMBER = /^[0-9a-f]{8}$/i;

/**
 * The header's one search box: a claim's id opens the claim, a claim number finds it on the claims list; anything
 * else finds members — a full ID number exactly (blind index), else by name or mobile — on the member list, where the
 * masked results are.
 */
export function TopSearch() {
  const { t } = useI18n();
  const can = useCan();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  if (!can('member.read') && !can('claim.read')) return null;
  const go = (raw: string) => {
    const value = normalizeText(raw).trim();
    if (!value) return;
    if (CLAIM_ID.test(value) && can('claim.read')) navigate(`/claims/${encodeURIComponent(value.toLowerCase())}`);
    else if (CLAIM_NUMBER.test(value) && can('claim.read'))
      navigate(`/claims?q=${encodeURIComponent(value.toUpperCase())}`);
    else if (can('member.read')) navigate(`/members?s=${encodeURIComponent(value)}`);
    setText('');
  };
  return (
    <Input.Search
      allowClear
      value={text}
      onChange={(e) => setText(e.target.value)}
      onSearch={go}
      placeholder={t('layout.searchPlaceholder')}
      style={{ width: 320 }}
      data-testid="top-search"
      aria-label={t('layout.searchPlaceholder')}
    />
  );
}
