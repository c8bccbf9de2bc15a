// The floor for `database list --format json`: fetch the same URL with undici and print the body.
import { request } from 'undici';

const [url, token] = process.argv.slice(2);
const res = await request(url, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
process.stdout.write(await res.body.text());
