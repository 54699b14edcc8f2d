import { CameraOutline, CheckCircleFill } from 'antd-mobile-icons';
import { useRef } from 'react';
import { compressPhoto } from '../photo.ts';

export interface SlotPhoto {
  blob: Blob;
  url: string;
}

/** One material slot: tapping it opens the camera; the photo is compressed in the browser and previewed. */
export function PhotoSlot({
  slot,
  label,
  hint,
  photo,
  done,
  onPhoto,
}: {
  slot: number;
  label: string;
  hint?: string;
  photo?: SlotPhoto;
  done?: boolean;
  onPhoto: (p: SlotPhoto) => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <div className="slot">
      <button type="button" className="slot-frame" onClick={() => input.current?.click()} aria-label={`拍照：${label}`}>
        {photo ? <img src={photo.url} alt={label} /> : <CameraOutline fontSize={28} />}
        {done && <CheckCircleFill className="slot-done" fontSize={18} />}
      </button>
      <span className="slot-label">
        {slot}. {label}
      </span>
      {hint && <span className="slot-hint">{hint}</span>}
      <input
        ref={input}
        data-testid={`slot-${slot}`}
        type="file"
        accept="image/*"
        capture="environment"
        hidden
        onChange={async (e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (!file) return;
          const { blob } = await compressPhoto(file);
          onPhoto({ blob, url: URL.createObjectURL(blob) });
        }}
      />
    </div>
  );
}
