/**
 * The URLs of a pool spec's `@url1,url2,…` part; a single URL gives one element. Only a comma
 * followed by a scheme splits, so a comma inside a URL stays.
 * @example splitEndpointUrls('http://a:11434,http://b:11434') // ['http://a:11434', 'http://b:11434']
 */
export function splitEndpointUrls(baseUrl: string): string[] {
  return baseUrl
    .split(/,\s*(?=https?:\/\/)/i)
    .map((url) => url.trim())
    .filter((url) => url !== '');
}
