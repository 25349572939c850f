/**
 * The few files of an image's own layers that learners look at from inside a container: the
 * nginx image's configuration and welcome page (what `kubectl exec -it web -- sh` then
 * `cat /etc/nginx/nginx.conf` shows), as the official Debian-based image ships them.
 */
import { NGINX_WELCOME } from './http-pages.js';
import type { ImageReference } from './image-catalog.js';

const NGINX_CONF = `
user  nginx;
worker_processes  auto;

error_log  /var/log/nginx/error.log notice;
pid        /var/run/nginx.pid;


events {
    worker_connections  1024;
}


http {
    include       /etc/nginx/mime.types;
    default_type  application/octet-stream;

    log_format  main  '$remote_addr - $remote_user [$time_local] "$request" '
                      '$status $body_bytes_sent "$http_referer" '
                      '"$http_user_agent" "$http_x_forwarded_for"';

    access_log  /var/log/nginx/access.log  main;

    sendfile        on;
    #tcp_nopush     on;

    keepalive_timeout  65;

    #gzip  on;

    include /etc/nginx/conf.d/*.conf;
}
`;

const NGINX_DEFAULT_SERVER = `server {
    listen       80;
    listen  [::]:80;
    server_name  localhost;

    #access_log  /var/log/nginx/host.access.log  main;

    location / {
        root   /usr/share/nginx/html;
        index  index.html index.htm;
    }

    #error_page  404              /404.html;

    # redirect server error pages to the static page /50x.html
    #
    error_page   500 502 503 504  /50x.html;
    location = /50x.html {
        root   /usr/share/nginx/html;
    }

    # proxy the PHP scripts to Apache listening on 127.0.0.1:80
    #
    #location ~ \\.php$ {
    #    proxy_pass   http://127.0.0.1;
    #}

    # pass the PHP scripts to FastCGI server listening on 127.0.0.1:9000
    #
    #location ~ \\.php$ {
    #    root           html;
    #    fastcgi_pass   127.0.0.1:9000;
    #    fastcgi_index  index.php;
    #    fastcgi_param  SCRIPT_FILENAME  /scripts$fastcgi_script_name;
    #    include        fastcgi_params;
    #}

    # deny access to .htaccess files, if Apache's document root
    # concurs with nginx's one
    #
    #location ~ /\\.ht {
    #    deny  all;
    #}
}

`;

/** The image's files by absolute path (none for images whose files are not modelled). */
export function imageFiles(image: ImageReference | undefined): Array<[string, string]> {
  if (image?.repository !== 'docker.io/library/nginx') return [];
  return [
    ['/etc/nginx/nginx.conf', NGINX_CONF],
    ['/etc/nginx/conf.d/default.conf', NGINX_DEFAULT_SERVER],
    ['/usr/share/nginx/html/index.html', NGINX_WELCOME],
  ];
}
