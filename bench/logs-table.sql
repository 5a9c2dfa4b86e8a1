-- Creates (replaces) the benchmark table logs with :rows rows, shaped like the `logs` data type of
-- config/data-types.yaml and the demo data: levels mostly INFO, messages with key=value pairs, hosts,
-- sources, 70% with a 32-hex trace id, 90% with a small JSON metadata object.
-- Deterministic: every value is a function of the id (hashint8extended / md5), so two runs with the
-- same row count give the same table.
--
-- About 2% of the rows are imperfect, like DemoImperfection: the kind is picked by id % 600
--   11 level 'warning' (alias)      23 level 'Warn'             37 level 'err' (alias)
--   41 level 'VERBOSE' (invalid)    53 message with ANSI codes  67 message with control characters
--   79 metadata not valid JSON      83 message NULL             97 message ''
--  101 malformed trace id          113 ts two years ahead
-- i.e. 11 rows in 600 (1.8%); 6 of the 11 kinds fail validation (1.0% invalid records).
--
-- Usage: psql -v rows=1000000 -f bench/logs-table.sql   (run-bench.sh does it)
\set ON_ERROR_STOP on
SET client_min_messages = warning;

DROP TABLE IF EXISTS logs;
-- the primary key comes after the load: building the index once is faster than maintaining it
CREATE TABLE logs (
    id       BIGINT NOT NULL,
    ts       TIMESTAMP,
    level    VARCHAR(16),
    message  VARCHAR(4000),
    source   VARCHAR(100),
    host     VARCHAR(100),
    trace_id VARCHAR(64),
    metadata VARCHAR(2000)
);

INSERT INTO logs (id, ts, level, message, source, host, trace_id, metadata)
SELECT id,
       CASE WHEN flaw = 113 THEN ts + interval '2 years' ELSE ts END,
       CASE flaw WHEN 11 THEN 'warning' WHEN 23 THEN 'Warn' WHEN 37 THEN 'err' WHEN 41 THEN 'VERBOSE' ELSE level END,
       CASE flaw
           WHEN 53 THEN E'\x1b[1;31m' || level || E'\x1b[0m ' || message || E' \x1b[2m(' || host || E')\x1b[0m'
           WHEN 67 THEN E'worker\x07 stalled\tqueue=' || service || E'\r\n  depth=' || (100 + h7 % 5000)
                        || E'\x0b\x0c retry=' || (h8 % 5) || E'\x08'
           WHEN 83 THEN NULL
           WHEN 97 THEN ''
           ELSE message
       END,
       source,
       host,
       CASE WHEN flaw = 101 THEN (CASE variant WHEN 0 THEN upper(md5(id::text)) WHEN 1 THEN substr(md5(id::text), 2) ELSE 'N/A' END)
            WHEN h11 % 10 < 7 THEN md5(id::text)
       END,
       CASE WHEN flaw = 79 THEN (CASE variant
                                     WHEN 0 THEN '{"user": "' || usr || '", "retry": }'
                                     WHEN 1 THEN '{''thread'': ''worker-' || (h7 % 8) || '''}'
                                     ELSE '{"region":"eu-west-1","version":"2.4' END)
            WHEN h20 % 10 = 0 THEN NULL
            ELSE '{"thread":"worker-' || (h21 % 16) || '","pid":' || (1000 + h22 % 30000)
                 || ',"region":"' || (ARRAY['eu-west-1', 'eu-central-1', 'us-east-1'])[1 + h23 % 3]
                 || '","version":"' || (ARRAY['2.4.1', '2.4.2', '2.5.0'])[1 + h24 % 3] || '"'
                 || CASE WHEN h25 % 3 = 0
                         THEN ',"http":{"method":"' || method || '","status":' || (ARRAY[200, 200, 201, 404, 500])[1 + h26 % 5] || '}'
                         ELSE '' END
                 || '}'
       END
FROM (
    -- the message, written for the level the row was meant to have (aliases keep a WARN/ERROR text)
    SELECT m.*,
           CASE m.msg_level
               WHEN 'TRACE' THEN CASE WHEN t % 2 = 0
                   THEN 'entering handler=OrderController.list thread=http-exec-' || (h7 % 32)
                   ELSE 'span started span_id=' || substr(md5(id::text || 's'), 1, 16) || ' parent_id=' || substr(md5(id::text || 'p'), 1, 16) END
               WHEN 'DEBUG' THEN CASE t
                   WHEN 0 THEN 'cache lookup key=order:' || (h7 % 90000) || ' hit=' || (h8 % 3 > 0) || ' duration_ms=' || (h9 % 5)
                   WHEN 1 THEN 'sql executed statement=select_orders rows=' || (h7 % 500) || ' duration_ms=' || (h8 % 80)
                   ELSE 'feature flag evaluated flag=new_checkout user=' || usr || ' enabled=' || (h9 % 2 = 0) END
               WHEN 'INFO' THEN CASE t
                   WHEN 0 THEN 'request completed method=' || method || ' path=' || path || ' status=200 user=' || usr
                               || ' request_id=' || request_id || ' duration_ms=' || (3 + h9 % 400)
                   WHEN 1 THEN 'user login succeeded user=' || usr || ' ip=10.0.' || (h7 % 256) || '.' || (h8 % 256) || ' method=password'
                   WHEN 2 THEN 'order created order_id=ord-' || lpad((h7 % 1000000)::text, 6, '0') || ' user=' || usr
                               || ' items=' || (1 + h8 % 6) || ' total=' || (5 + h9 % 300) || '.' || lpad((h10 % 100)::text, 2, '0') || ' currency=EUR'
                   ELSE CASE WHEN h7 % 5 = 0
                       THEN 'address updated user=' || usr || ' city=Zürich note=café'
                       ELSE 'scheduled job finished job=cleanup-sessions removed=' || (h8 % 200) || ' duration_ms=' || (100 + h9 % 2000) END
                   END
               WHEN 'WARN' THEN CASE t
                   WHEN 2 THEN 'retrying call service=' || service || ' attempt=' || (1 + h8 % 3) || ' reason=timeout'
                   WHEN 3 THEN 'connection pool nearly exhausted pool=orders-db active=' || (17 + h7 % 3) || ' max=20'
                   ELSE 'slow request method=' || method || ' path=' || path || ' user=' || usr
                        || ' request_id=' || request_id || ' duration_ms=' || (1000 + h9 % 4000) || ' threshold_ms=1000' END
               WHEN 'ERROR' THEN CASE t
                   WHEN 2 THEN 'payment declined user=' || usr || ' order_id=ord-' || lpad((h7 % 1000000)::text, 6, '0') || ' reason=insufficient_funds'
                   WHEN 3 THEN 'unhandled exception handler=CartController.add error=NullPointerException request_id=' || request_id
                   ELSE 'upstream timeout service=' || service || ' request_id=' || request_id || ' duration_ms=5000 user=' || usr END
               ELSE CASE WHEN t % 2 = 0
                   THEN 'out of memory heap_used_mb=' || (2048 + h7 % 4096) || ' pid=' || (1000 + h8 % 30000) || ' action=shutdown'
                   ELSE 'database unreachable host=db-01 port=5432 attempts=10' END
           END AS message
    FROM (
        SELECT l.*,
               CASE l.flaw WHEN 11 THEN 'WARN' WHEN 23 THEN 'WARN' WHEN 37 THEN 'ERROR' WHEN 41 THEN 'DEBUG' ELSE l.level END AS msg_level
        FROM (
            SELECT h.*,
                   CASE WHEN h1 % 100 < 4 THEN 'TRACE' WHEN h1 % 100 < 18 THEN 'DEBUG' WHEN h1 % 100 < 72 THEN 'INFO'
                        WHEN h1 % 100 < 86 THEN 'WARN' WHEN h1 % 100 < 97 THEN 'ERROR' ELSE 'FATAL' END AS level,
                   (ARRAY['web-01', 'web-02', 'web-03', 'web-04', 'api-01', 'api-02', 'worker-01', 'worker-02', 'batch-01'])[1 + h3 % 9] AS host,
                   (ARRAY['api-gateway', 'auth-service', 'checkout', 'payments', 'inventory', 'search', 'scheduler', 'notification'])[1 + h2 % 8] AS source,
                   (ARRAY['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi', 'ivan', 'judy'])[1 + h4 % 10] AS usr,
                   (ARRAY['/api/orders', '/api/cart', '/api/login', '/api/products', '/api/search', '/api/checkout', '/healthz'])[1 + h8 % 7] AS path,
                   (ARRAY['GET', 'GET', 'GET', 'POST', 'PUT', 'DELETE'])[1 + h7 % 6] AS method,
                   (ARRAY['payments', 'inventory', 'shipping', 'recommendations', 'auth'])[1 + h12 % 5] AS service,
                   'req-' || substr(md5(id::text || 'r'), 1, 12) AS request_id,
                   (h6 % 4)::int AS t
            FROM (
                SELECT id,
                       -- the 30 days before 2026-11-01, in id order, with up to a second of jitter
                       timestamp '2026-10-02 00:00:00' + (id - 1) * (interval '30 days' / :rows) + (h0 % 1000) * interval '1 millisecond' AS ts,
                       CASE WHEN id % 600 IN (11, 23, 37, 41, 53, 67, 79, 83, 97, 101, 113) THEN (id % 600)::int END AS flaw,
                       ((id / 600) % 3)::int AS variant,
                       h0, h0 / 7 % 1000003 AS h1, h0 / 11 % 1000003 AS h2, h0 / 13 % 1000003 AS h3, h0 / 17 % 1000003 AS h4,
                       h0 / 19 % 1000003 AS h6, h0 / 23 % 1000003 AS h7, h0 / 29 % 1000003 AS h8, h0 / 31 % 1000003 AS h9,
                       h0 / 37 % 1000003 AS h10, g1 % 1000003 AS h11, g1 / 7 % 1000003 AS h12, g1 / 11 % 1000003 AS h20,
                       g1 / 13 % 1000003 AS h21, g1 / 17 % 1000003 AS h22, g1 / 19 % 1000003 AS h23, g1 / 23 % 1000003 AS h24,
                       g1 / 29 % 1000003 AS h25, g1 / 31 % 1000003 AS h26
                FROM (
                    SELECT id, abs(hashint8extended(id, 1)) AS h0, abs(hashint8extended(id, 2)) AS g1
                    FROM generate_series(1, :rows) AS id
                ) s
            ) h
        ) l
    ) m
) r;

ALTER TABLE logs ADD PRIMARY KEY (id);
VACUUM ANALYZE logs;
