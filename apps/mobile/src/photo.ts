/**
 * Shrinks a camera photo in the browser before upload: at most MAX_SIDE pixels on the long side, JPEG at QUALITY.
 * Uses an <img> and a canvas with toDataURL (not createImageBitmap or toBlob), which every WebView WeChat ships has.
 * A file that is not an image the browser can draw is returned as it is (the server decides by its content).
 */
const MAX_SIDE = 1600;
const QUALITY = 0.8;

export async function compressPhoto(
  file: File,
): Promise<{ blob: Blob; width: number; height: number; compressed: boolean }> {
  const url = URL.createObjectURL(file);
  try {
    const img = await new Promise<HTMLImageElement>((resolve, reject) => {
      const i = new Image();
      i.onload = () => resolve(i);
      i.onerror = () => reject(new Error('not an image'));
      i.src = url;
    });
    const scale = Math.min(1, MAX_SIDE / Math.max(img.naturalWidth, img.naturalHeight));
    const width = Math.max(1, Math.round(img.naturalWidth * scale));
    const height = Math.max(1, Math.round(img.naturalHeight * scale));
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const g = canvas.getContext('2d');
    if (!g) return { blob: file, width, height, compressed: false };
    g.fillStyle = '#fff';
    g.fillRect(0, 0, width, height);
    g.drawImage(img, 0, 0, width, height);
    const dataUrl = canvas.toDataURL('image/jpeg', QUALITY);
    const bytes = atob(dataUrl.slice(dataUrl.indexOf(',') + 1));
    const buf = new Uint8Array(bytes.length);
    for (let i = 0; i < bytes.length; i++) buf[i] = bytes.charCodeAt(i);
    const blob = new Blob([buf], { type: 'image/jpeg' });
    // A small original stays as it is when re-encoding would only make it bigger.
    return blob.size < file.size
      ? { blob, width, height, compressed: true }
      : { blob: file, width, height, compressed: false };
  } catch {
    return { blob: file, width: 0, height: 0, compressed: false };
  } finally {
    URL.revokeObjectURL(url);
  }
}
