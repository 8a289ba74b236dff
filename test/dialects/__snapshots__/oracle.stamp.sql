-- gensql 0.1.0: stamp base:head (oracle)
-- version table: gensql_version
-- expects: (no revision)
-- leaves: 0a1b2c3d4e5f
-- revisions, in order:
--   stamp base -> 0a1b2c3d4e5f

DECLARE
    -- run with WHENEVER SQLERROR EXIT FAILURE (SQL*Plus, SQLcl) so that a failure here stops the script
    actual VARCHAR2(4000);
BEGIN
    BEGIN
        EXECUTE IMMEDIATE 'SELECT LISTAGG(version_num, '','') WITHIN GROUP (ORDER BY version_num) FROM gensql_version' INTO actual;
    EXCEPTION
        WHEN OTHERS THEN
            IF SQLCODE != -942 THEN
                RAISE;
            END IF;
    END;
    IF actual IS NOT NULL THEN
        RAISE_APPLICATION_ERROR(-20000, 'gensql: stamp base:head: the version table gensql_version must hold no revision, but holds ' || NVL(actual, 'no revision'));
    END IF;
END;

/

BEGIN
    EXECUTE IMMEDIATE 'CREATE TABLE gensql_version (
    version_num VARCHAR2(32 CHAR) NOT NULL,
    CONSTRAINT gensql_version_pkc PRIMARY KEY (version_num)
)';
EXCEPTION
    WHEN OTHERS THEN
        IF SQLCODE != -955 THEN
            RAISE;
        END IF;
END;

/

-- Running stamp_revision  -> 0a1b2c3d4e5f

INSERT INTO gensql_version (version_num) VALUES ('0a1b2c3d4e5f')

/

COMMIT

/
