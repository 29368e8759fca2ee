// The slim JSON contribution ships without typings; its exports are the ones of monaco-editor's `json`.
declare module 'monaco-editor/language/json/monaco.contribution' {
  import type { json } from 'monaco-editor';
  export const jsonDefaults: typeof json.jsonDefaults;
}
