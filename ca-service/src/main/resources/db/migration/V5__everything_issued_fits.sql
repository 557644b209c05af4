-- Issue 11: everything the issuer signs can be recorded. A subject is at most request-checks'
-- Subjects.MAX_RENDERED_LENGTH (3011) characters long, so the subject columns are 3072 wide (io.eventca.ca.model.Columns
-- holds every width; ColumnWidthsTest compares them with this schema).
ALTER TABLE ca ALTER COLUMN subject_dn TYPE VARCHAR(3072);
ALTER TABLE certificate ALTER COLUMN subject_dn TYPE VARCHAR(3072);

-- RequesterPolicy.allowedSubject, as JSON: the values each subject attribute may take.
ALTER TABLE requester ADD COLUMN allowed_subject TEXT;

-- Request ids are each requester's own: a fleet request's row is <requestedBy>/<requestId> (up to 128 + 1 + 128).
ALTER TABLE certificate_request ALTER COLUMN request_id TYPE VARCHAR(300);
ALTER TABLE certificate ALTER COLUMN request_id TYPE VARCHAR(300);
