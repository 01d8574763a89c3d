/** What the browser page shows. */
export interface UiPageInfo {
  hostname: string;
  version: string;
  color: string;
  message: string;
  logo: string;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A small page for browsers in place of podinfo's Vue UI: who answered, in the UI colour. */
export function uiPage(info: UiPageInfo): string {
  const e = {
    hostname: escapeHtml(info.hostname),
    version: escapeHtml(info.version),
    color: escapeHtml(info.color),
    message: escapeHtml(info.message),
    logo: escapeHtml(info.logo),
  };
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>${e.hostname}</title></head>
<body style="background:${e.color};color:#fff;font-family:sans-serif;text-align:center;padding-top:4em">
<img src="${e.logo}" alt="" style="max-height:12em">
<h1>${e.message}</h1>
<p>${e.hostname} · podinfo v${e.version}</p>
</body></html>
`;
}
