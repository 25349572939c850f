/**
 * The pages the catalog's web servers serve out of the box, byte for byte: nginx's welcome page
 * (615 bytes) and its 404, httpd's "It works!" (45 bytes) and its 404 (196 bytes). Their lengths
 * are the sizes in the servers' access-log lines.
 */

export const NGINX_WELCOME = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

export function nginxNotFound(version: string): string {
  return nginxErrorPage('404 Not Found', version);
}

/** nginx's built-in error pages (`404 Not Found`, `403 Forbidden`) end their lines with CRLF. */
export function nginxErrorPage(title: string, version: string): string {
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx/${version}</center>\r\n</body>\r\n</html>\r\n`;
}

export const HTTPD_WELCOME = '<html><body><h1>It works!</h1></body></html>\n';

export const HTTPD_NOT_FOUND = `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">
<html><head>
<title>404 Not Found</title>
</head><body>
<h1>Not Found</h1>
<p>The requested URL was not found on this server.</p>
</body></html>
`;
