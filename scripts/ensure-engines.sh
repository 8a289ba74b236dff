#!/usr/bin/env bash
# Installs (Debian packages) and starts the real database engines the tests
# apply generated scripts to: a PostgreSQL cluster with a superuser role for
# the current user, a MariaDB server reachable over its socket, and sqlite3;
# and real Alembic, which the parity tests compare with.
# Idempotent: does nothing when everything already runs.
set -u
missing=""
command -v pg_ctlcluster >/dev/null 2>&1 || missing="$missing postgresql"
command -v mariadbd >/dev/null 2>&1 || command -v mysqld >/dev/null 2>&1 || missing="$missing mariadb-server"
command -v sqlite3 >/dev/null 2>&1 || missing="$missing sqlite3"
# real Alembic, for the parity tests (test/parity)
/usr/bin/python3 -c 'import alembic, sqlalchemy, pymysql' >/dev/null 2>&1 || missing="$missing python3-alembic python3-sqlalchemy python3-pymysql"
if [ -n "$missing" ]; then
  echo "installing:$missing" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null 2>&1 || true
  apt-get install -y -qq $missing >/dev/null 2>&1 || { echo "apt-get install$missing failed" >&2; exit 1; }
fi

# PostgreSQL: start the newest cluster (create one if the package made none)
ver=$(ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -1)
if [ -z "$ver" ]; then echo "no PostgreSQL installation found" >&2; exit 1; fi
pg_lsclusters -h 2>/dev/null | grep -q . || pg_createcluster "$ver" main >/dev/null 2>&1
if ! pg_lsclusters -h 2>/dev/null | grep -q online; then
  cluster=$(pg_lsclusters -h | head -1 | awk '{print $1" "$2}')
  pg_ctlcluster $cluster start >/dev/null 2>&1 || true
fi
for _ in $(seq 40); do pg_isready -q && break; sleep 0.5; done
pg_isready -q || { echo "PostgreSQL did not start" >&2; exit 1; }
me=$(whoami)
if [ "$me" != "postgres" ]; then
  su postgres -c "psql -qAtc \"select 1 from pg_roles where rolname='$me'\"" 2>/dev/null | grep -q 1 \
    || su postgres -c "psql -qc 'create role \"$me\" superuser login'" >/dev/null
  psql -d postgres -qAtc "select 1 from pg_database where datname='$me'" | grep -q 1 || createdb "$me"
fi

# MariaDB: start mysqld_safe in the background if it does not answer
if ! mysqladmin ping >/dev/null 2>&1; then
  mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld 2>/dev/null
  (setsid mysqld_safe --user=mysql >/dev/null 2>&1 &)
  for _ in $(seq 60); do mysqladmin ping >/dev/null 2>&1 && break; sleep 0.5; done
fi
mysqladmin ping >/dev/null 2>&1 || { echo "MariaDB did not start" >&2; exit 1; }
echo "engines ready: $(psql -d postgres -qAtc 'show server_version'), MariaDB $(mysql -N -e 'select version()'), sqlite $(sqlite3 --version | cut -d' ' -f1)" >&2
