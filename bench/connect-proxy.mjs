// A tiny CONNECT proxy for the proxied row of the bench: prints its URL, then tunnels until killed.
import { createServer } from 'node:http';
import { connect } from 'node:net';

const server = createServer((_req, res) => res.writeHead(405).end());
server.on('connect', (req, client, head) => {
  const [host, port] = req.url.split(':');
  const upstream = connect(Number(port), host, () => {
    client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    upstream.write(head);
    upstream.pipe(client);
    client.pipe(upstream);
  });
  upstream.on('error', () => client.destroy());
  client.on('error', () => upstream.destroy());
});
server.listen(0, '127.0.0.1', () => console.log(`http://127.0.0.1:${server.address().port}`));
