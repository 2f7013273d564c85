/**
 * Env vars that hold a provider key or token under a common name: their values are scrubbed from
 * everything stored, whichever provider a run uses (a model may echo any key it saw).
 */
const keyNamePattern = /(?:^|_)(?:API_?KEY|TOKEN|SECRET|ACCESS_KEY|SECRET_KEY)$/i;

/** Values shorter than this are not scrubbed by name: `1` or `true` would wreck every text. */
const minimumSecretLength = 8;

/**
 * The values of every env var whose name says it is a key or token (`OPENAI_API_KEY`,
 * `GEMINI_API_KEY`, `HF_TOKEN`, `AWS_SECRET_ACCESS_KEY`, …), longest first, so a key that
 * contains another is replaced whole. Read by provider factories, which already read the env.
 * @example keySecretsFromEnv({ OPENAI_API_KEY: 'sk-…', PATH: '/bin' }) // ['sk-…']
 */
export function keySecretsFromEnv(env: Record<string, string | undefined>): string[] {
  const values = new Set<string>();
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || !keyNamePattern.test(name)) continue;
    const trimmed = value.trim();
    if (trimmed.length >= minimumSecretLength) values.add(trimmed);
  }
  return [...values].sort((a, b) => b.length - a.length);
}

/**
 * Shapes of keys the common providers issue; a key we were never told about (pasted into a
 * prompt, echoed by a gateway) is still caught. The character classes hold no quote or backslash,
 * so a replacement inside serialised JSON keeps it valid.
 */
const keyShapes: readonly RegExp[] = [
  // OpenAI (sk-, sk-proj-, sk-svcacct-), Anthropic (sk-ant-), DeepSeek, OpenRouter (sk-or-)
  /\bsk-[A-Za-z0-9_-]{20,}/g,
  // Google API keys (Gemini)
  /\bAIza[0-9A-Za-z_-]{35}/g,
  // Hugging Face, GitHub, Groq, xAI, Slack tokens
  /\bhf_[A-Za-z0-9]{30,}/g,
  /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,})/g,
  /\bgsk_[A-Za-z0-9]{40,}/g,
  /\bxai-[A-Za-z0-9]{40,}/g,
  /\bxox[abprs]-[A-Za-z0-9-]{20,}/g,
  // AWS access key ids
  /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g,
];

/** `Authorization: Bearer <token>` as a header dump or a curl line would show it. */
const bearer = /\b(Bearer\s+)[A-Za-z0-9._~+/-]{16,}=*/gi;

/**
 * `text` with every given secret and every key-shaped string replaced by `<redacted>`; whitespace
 * and everything else are kept.
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length > 0) out = out.split(secret).join('<redacted>');
  for (const shape of keyShapes) out = out.replace(shape, '<redacted>');
  return out.replace(bearer, '$1<redacted>');
}
