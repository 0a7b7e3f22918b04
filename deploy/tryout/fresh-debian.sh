#!/bin/bash
# Follows deploy/README.md, step by step, on a fresh Debian 12 made with debootstrap, to show the
# guide works from nothing. Run as root on a Debian machine with debootstrap:
#
#   deploy/tryout/fresh-debian.sh /var/tmp/heard-bookworm [SOURCE_CHECKOUT]
#
# The install steps (apt, pip) use the network; the running steps run in a private network
# namespace, so the chroot's PostgreSQL, Redis, gunicorn and nginx clash with nothing on the host.
# What a chroot cannot do is done by hand, and said so below: there is no systemd (each unit's
# ExecStart runs as its User with its EnvironmentFile) and no public name for certbot (a
# self-signed certificate goes where certbot would put one).
set -euo pipefail
R=${1:?usage: fresh-debian.sh CHROOT_DIR [SOURCE_CHECKOUT]}
SRC=$(cd "${2:-$(dirname "$0")/../..}" && pwd)
GUIDE=$SRC/deploy/README.md

[ -x "$R/bin/bash" ] || debootstrap bookworm "$R" http://deb.debian.org/debian
cleanup() { for m in sys dev proc; do umount -R "$R/$m" 2>/dev/null || true; done; }
trap cleanup EXIT
mountpoint -q "$R/proc" || mount -t proc proc "$R/proc"
mountpoint -q "$R/dev" || mount --rbind /dev "$R/dev"
mountpoint -q "$R/sys" || mount --rbind /sys "$R/sys"
# The code as committed in the checkout, as a bundle the chroot can clone.
git -C "$SRC" bundle create "$R/root/heard.bundle" HEAD
cp /etc/resolv.conf "$R/etc/resolv.conf"
# A host that reaches PyPI through a proxy with its own certificate authority passes it on.
if [ -n "${PIP_CERT:-}" ]; then
  cp "$PIP_CERT" "$R/etc/ssl/certs/host-pip-ca.crt"
  printf '[global]\ncert = /etc/ssl/certs/host-pip-ca.crt\n' > "$R/etc/pip.conf"
fi
# As in any container build, packages must not start services while they install.
printf '#!/bin/sh\nexit 101\n' > "$R/usr/sbin/policy-rc.d" && chmod +x "$R/usr/sbin/policy-rc.d"

# The shell commands of one step of the guide.
step() { sed -n "/^### $1/,/^##/p" "$GUIDE" | sed -n '/^```sh/,/^```/p' | grep -v '```' \
  | sed -e ':a' -e '/\\$/N; s/\\\n */ /; ta'; }  # one line per command
in_root() { chroot "$R" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive /bin/bash -euxo pipefail -c "$1"; }

# A clean slate when run again.
in_root 'rm -rf /srv/heard /etc/heard /var/backups/heard /etc/nginx/sites-enabled/heard*; userdel heard 2>/dev/null || true; groupdel heard 2>/dev/null || true'

# 1. Packages, and 2. a user and the code (cloned from the checkout instead of a URL).
in_root "$(step '1. Packages')"
in_root "$(step '2. A user' | sed 's#^git clone https://example.org/heard.git /srv/heard.*#git clone /root/heard.bundle /srv/heard#')"
# When the host runs PostgreSQL too, Debian gave the chroot's cluster the next port: in the
# private namespace the standard port is free, as on a fresh server.
sed -i 's/^port = .*/port = 5432/' "$R"/etc/postgresql/*/main/postgresql.conf

cat > "$R/root/heard-tryout.sh" <<INNER
set -euxo pipefail
stop() { kill \$(cat /tmp/heard-gunicorn.pid 2>/dev/null) 2>/dev/null || true; nginx -s stop 2>/dev/null || true
         redis-cli shutdown nosave 2>/dev/null || true; pg_ctlcluster 15 main stop || true; }
trap stop EXIT
# What systemd would start (step 3 says systemctl enable --now ...).
pg_ctlcluster 15 main start
redis-server /etc/redis/redis.conf --daemonize yes --supervised no
su postgres -c "dropdb --if-exists heard_restore; dropdb --if-exists heard; dropuser --if-exists heard"
# 3. PostgreSQL and Redis
$(step '3. PostgreSQL' | grep -v systemctl)
# 4. Settings: what step 4 asks an editor for, done with sed (mail goes nowhere in the tryout).
$(step '4. Settings' | grep -v -E '^editor|secrets.token')
sed -i "s|^SECRET_KEY=.*|SECRET_KEY=\$(python3 -c 'import secrets; print(secrets.token_urlsafe(48))')|; s|^MAIL_SERVER=.*|MAIL_SERVER=127.0.0.1|; s|^MAIL_PORT=.*|MAIL_PORT=2525|; s|^MAIL_USE_TLS=.*|MAIL_USE_TLS=false|" /etc/heard/heard.env
# 5. The schema, the first council and its first admin
$(step '5. The schema')
# 6. Everything but systemd; then heard.service, a job and the backup as their units run them.
$(step '6. The app server' | grep -v -E 'systemctl|/etc/systemd|^curl')
cd /srv/heard
runuser -u heard -- sh -c 'set -a; . /etc/heard/heard.env; exec .venv/bin/gunicorn -c deploy/gunicorn.conf.py wsgi:app' > /tmp/heard-gunicorn.log 2>&1 &
echo \$! > /tmp/heard-gunicorn.pid
for i in \$(seq 60); do curl -fsS http://127.0.0.1:8000/healthz && break; sleep 1; done; echo
runuser -u heard -- sh -c 'set -a; . /etc/heard/heard.env; exec .venv/bin/flask --app wsgi heard escalate'
runuser -u heard -- sh -c 'set -a; . /etc/heard/heard.env; exec deploy/backup/heard-backup'
ls -l /var/backups/heard
# 7. nginx and HTTPS (nginx started or reloaded directly; a self-signed certificate for certbot's)
$(step '7. nginx' | sed 's/YOUR.NAME/heard.example.org/g; s/YOU@YOUR.COUNCIL/it@example.org/' \
  | sed 's#systemctl reload nginx#{ nginx -s reload 2>/dev/null || nginx; }#' \
  | sed 's#^certbot certonly.*#mkdir -p /etc/letsencrypt/live/heard.example.org \&\& openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=heard.example.org -keyout /etc/letsencrypt/live/heard.example.org/privkey.pem -out /etc/letsencrypt/live/heard.example.org/fullchain.pem 2>/dev/null#' \
  | sed 's#^curl -fsS https://heard.example.org/#curl -fsS -k --resolve heard.example.org:443:127.0.0.1 https://heard.example.org/#')
echo
# What a visitor gets through nginx.
C="curl -fsS -k --resolve heard.example.org:443:127.0.0.1 --resolve heard.example.org:80:127.0.0.1"
\$C -o /dev/null -w 'http://  %{http_code} -> %{redirect_url}\n' http://heard.example.org/sign-in
\$C -D - -o /tmp/heard-sign-in.html https://heard.example.org/sign-in | grep -i -E '^HTTP|^strict-transport|^set-cookie'
grep -q 'name="csrf_token"' /tmp/heard-sign-in.html
\$C -o /dev/null -w 'static  %{http_code} %{content_type}\n' https://heard.example.org/static/dist/\$(ls static/dist | grep -m1 '\.css\$')
echo "deploy/README.md worked on a fresh Debian 12."
INNER
unshare -n bash -c "ip link set lo up; chroot '$R' /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 /bin/bash /root/heard-tryout.sh"
