// `auth status` asks each backend whether its server accepts the credential, by the cheapest authenticated
// read the API has. The verdict is read the same way for every product.

import { ApiError } from '../api/api-error.js';
import type { HttpClient, RequestSpec } from '../api/http.js';
import type { Verdict } from './types.js';

export async function probeWith(http: HttpClient, spec: RequestSpec): Promise<{ verdict: Verdict; detail?: string }> {
  try {
    await http.send(spec);
    return { verdict: 'accepted' };
  } catch (error) {
    if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
      return { verdict: 'rejected', detail: `${error.status}${error.serverMessage ? `: ${error.serverMessage}` : ''}` };
    }
    return { verdict: 'unreachable', detail: (error as Error).message };
  }
}
