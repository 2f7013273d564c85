import { InputError } from '../../errors.js';

/**
 * The error for a provider that needs an API key and has none; names the env vars, never a value.
 */
export function missingKeyError(options: {
  providerId: string;
  envNames: string[];
  url: string;
}): InputError {
  const names = options.envNames.join(' or ');
  return new InputError(
    'input.missing_api_key',
    `${options.providerId} at ${options.url} needs an API key; set ${names} or pass apiKey`,
    {
      field: options.envNames[0] ?? 'apiKey',
    },
  );
}

/** An env value, or undefined when it is missing or blank. */
export function envValue(
  env: Record<string, string | undefined>,
  name: string,
): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
