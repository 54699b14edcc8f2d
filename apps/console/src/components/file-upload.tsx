import { InboxOutlined } from '@ant-design/icons';
import { Flex, Progress, Typography, Upload } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { UploadHandle, UploadHandlers } from '../api/upload.ts';

/** Where one file upload stands: sent with real progress, then read by the server, then its answer. */
export type FileUploadState<T> =
  | { kind: 'idle' }
  | { kind: 'uploading'; fileName: string; fraction: number }
  | { kind: 'processing'; fileName: string }
  | { kind: 'done'; fileName: string; result: T }
  | { kind: 'failed'; fileName: string; error: Error };

/**
 * One upload at a time through `send` (an api function returning an UploadHandle). Leaving the page cancels an
 * upload still in flight rather than finishing it unseen; `reset` returns to idle (and cancels, if one is running).
 */
export function useFileUpload<T>(
  send: (file: File, handlers: UploadHandlers) => UploadHandle<T>,
  onDone?: (result: T) => void,
) {
  const [state, setState] = useState<FileUploadState<T>>({ kind: 'idle' });
  const abort = useRef<(() => void) | null>(null);
  useEffect(() => () => abort.current?.(), []);

  const start = (file: File) => {
    const fileName = file.name;
    setState({ kind: 'uploading', fileName, fraction: 0 });
    const handle = send(file, {
      onProgress: (fraction) => setState((s) => (s.kind === 'uploading' ? { ...s, fraction } : s)),
      onUploaded: () => setState({ kind: 'processing', fileName }),
    });
    abort.current = handle.abort;
    handle.result.then(
      (result) => {
        abort.current = null;
        setState({ kind: 'done', fileName, result });
        onDone?.(result);
      },
      (error: Error) => {
        abort.current = null;
        setState({ kind: 'failed', fileName, error });
      },
    );
  };
  const reset = useCallback(() => {
    abort.current?.();
    abort.current = null;
    setState({ kind: 'idle' });
  }, []);
  const busy = state.kind === 'uploading' || state.kind === 'processing';
  return { state, start, reset, busy };
}

/**
 * The drop zone of a spreadsheet upload, or while one runs its progress: the share sent, then "…" while the server
 * reads it.
 */
export function FileDropZone(props: {
  state: FileUploadState<unknown>;
  onFile(file: File): void;
  hint: string;
  sub: string;
  uploadingText(fileName: string): string;
  processingText: string;
  progressTestId: string;
  disabled?: boolean;
  accept?: string;
}) {
  const { state } = props;
  if (state.kind === 'uploading' || state.kind === 'processing')
    return (
      <Flex vertical align="center" gap={12} style={{ padding: '32px 0' }} data-testid={props.progressTestId}>
        <Typography.Text>
          {state.kind === 'uploading' ? props.uploadingText(state.fileName) : props.processingText}
        </Typography.Text>
        <Progress
          style={{ maxWidth: 480 }}
          percent={state.kind === 'uploading' ? Math.round(state.fraction * 100) : 100}
          status="active"
          format={state.kind === 'processing' ? () => '…' : undefined}
        />
      </Flex>
    );
  return (
    <Upload.Dragger
      accept={props.accept ?? '.xlsx,.csv'}
      multiple={false}
      showUploadList={false}
      disabled={props.disabled}
      beforeUpload={(file) => {
        props.onFile(file);
        return Upload.LIST_IGNORE;
      }}
    >
      <p className="ant-upload-drag-icon">
        <InboxOutlined />
      </p>
      <p className="ant-upload-text">{props.hint}</p>
      <p className="ant-upload-hint">{props.sub}</p>
    </Upload.Dragger>
  );
}
