import type { FeatureKey } from '../features.ts';

/** Line icons drawn here rather than pulled from an icon package: four glyphs do not justify a dependency. */
const paths: Record<FeatureKey, string> = {
  // a shield with a check mark
  enrol: 'M12 3l7 3v5c0 4.6-3 8.4-7 10-4-1.6-7-5.4-7-10V6l7-3z M8.8 12.2l2.3 2.3 4.3-4.6',
  // a card with a person
  coverage:
    'M4 6h16v12H4z M9 10.5a1.8 1.8 0 1 0 0 .01 M6.5 15.5c.6-1.5 1.5-2.2 2.5-2.2s1.9.7 2.5 2.2 M14 10h4 M14 13h4',
  // a document with a pen line
  claim: 'M7 3h7l4 4v14H7z M14 3v4h4 M10 12h5 M10 15.5h5',
  // a speech bubble with a question mark
  faq: 'M4 5h16v11H9l-4 3.5V16H4z M10 9a2 2 0 1 1 2.8 1.8c-.6.3-.8.7-.8 1.2 M12 13.8v.01',
};

export function FeatureIcon({ name }: { name: FeatureKey }) {
  return (
    <svg
      className="feature-icon"
      viewBox="0 0 24 24"
      width="28"
      height="28"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.6"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      <path d={paths[name]} />
    </svg>
  );
}
