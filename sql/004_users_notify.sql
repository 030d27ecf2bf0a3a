-- Workers keep users in a per-process cache (GET /api/auth/me answers from it) and LISTEN
-- on backforge_users: every change to a user row announces the row's id there, whoever
-- makes it (the application, an operator in psql, a script), so no cache outlives the row
-- it copied. The notification goes out when the changing transaction commits.
CREATE FUNCTION backforge_users_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        PERFORM pg_notify('backforge_users', '*');
    ELSE
        PERFORM pg_notify('backforge_users', OLD.id::text);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER users_changed AFTER UPDATE OR DELETE ON users
    FOR EACH ROW EXECUTE FUNCTION backforge_users_changed();
CREATE TRIGGER users_truncated AFTER TRUNCATE ON users
    FOR EACH STATEMENT EXECUTE FUNCTION backforge_users_changed();
