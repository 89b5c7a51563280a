-- Uitvraag store (SQLite): collection rounds, organisations, personal links, submissions.
-- Grain: rounds 1 per school year round; organisations and organisation_gemeenten per round;
-- links 1 per secret (only its SHA-256 is kept); submissions 1 per upload (never deleted);
-- plausibility_flags n per submission (one per gemeente and figure with a large jump);
-- flag_confirmations 0..1 per flag (the member's explanation); comparisons 0..1 per accepted
-- submission (it was compared with last year's figures in the warehouse);
-- failed_attempts 1 per client (counter of wrong secrets that slows the client down).
create table if not exists rounds (
    round_id integer primary key,
    school_year text not null,
    opened_at text not null,
    closed_at text,
    vintage text unique
);

create table if not exists organisations (
    round_id integer not null references rounds (round_id),
    organisation_id text not null,
    name text not null,
    email text not null,
    primary key (round_id, organisation_id)
);

create table if not exists organisation_gemeenten (
    round_id integer not null,
    organisation_id text not null,
    gemeentecode text not null,
    primary key (round_id, gemeentecode),
    foreign key (round_id, organisation_id) references organisations (round_id, organisation_id)
);

create table if not exists links (
    token_sha256 text primary key,
    round_id integer not null,
    organisation_id text not null,
    created_at text not null,
    revoked_at text,
    foreign key (round_id, organisation_id) references organisations (round_id, organisation_id)
);

create table if not exists submissions (
    submission_id integer primary key,
    round_id integer not null,
    organisation_id text not null,
    received_at text not null,
    file_name text not null,
    size_bytes integer not null,
    -- exact bytes received and their checksum; NULL only for an upload over the size limit
    content blob,
    sha256 text,
    is_accepted integer not null check (is_accepted in (0, 1)),
    -- validation result: JSON list of Dutch message lines (empty when accepted)
    messages text not null,
    superseded_by integer references submissions (submission_id),
    foreign key (round_id, organisation_id) references organisations (round_id, organisation_id)
);

-- kind says which comparison raised the question: 'vorig_jaar' (previous_value is the
-- gemeente's own figure last year) or 'vergelijkbare_gemeenten' (previous_value is the count the
-- gemeente would have at its peers' median rate of last year). Added after the first stores were
-- made: store.ADDED_COLUMNS adds it to an older store, its flags are all 'vorig_jaar'.
create table if not exists plausibility_flags (
    submission_id integer not null references submissions (submission_id),
    gemeentecode text not null,
    figure text not null,
    previous_value integer not null,
    value integer not null,
    message text not null,
    kind text not null default 'vorig_jaar'
);

-- A question stays open until the member confirms that figure with a short explanation (the
-- member page, one flag at a time; `uitvraag submit --confirm` confirms every flag of the
-- submission with its one explanation). Never changed or deleted once written.
create table if not exists flag_confirmations (
    submission_id integer not null references submissions (submission_id),
    gemeentecode text not null,
    figure text not null,
    explanation text not null,
    confirmed_at text not null,
    primary key (submission_id, gemeentecode, figure)
);

-- Written when an accepted submission was compared with last year's figures (a warehouse was
-- there); gemeenten_compared counts its gemeenten that had a figure last year. Without this row
-- a submission's lack of questions says nothing: it was never compared.
create table if not exists comparisons (
    submission_id integer primary key references submissions (submission_id),
    gemeenten_compared integer not null,
    compared_at text not null
);

create table if not exists failed_attempts (
    client text primary key,
    failures integer not null,
    last_failure_at text not null
);

-- Nothing received is ever lost: no deletes, and the bytes and their record never change (nor
-- a confirmation).
create trigger if not exists submissions_never_deleted before delete on submissions
begin
    select raise(abort, 'submissions are never deleted');
end;

create trigger if not exists submissions_keep_their_bytes
before update of content, sha256, received_at, organisation_id, round_id, is_accepted
on submissions
begin
    select raise(abort, 'a submission record is never changed');
end;

create trigger if not exists confirmations_never_change before update on flag_confirmations
begin
    select raise(abort, 'a confirmation is never changed');
end;

create trigger if not exists confirmations_never_deleted before delete on flag_confirmations
begin
    select raise(abort, 'a confirmation is never deleted');
end;

-- A closed round is frozen: no new submissions, confirmations, organisations or links.
create trigger if not exists closed_round_takes_no_submissions before insert on submissions
when (select closed_at from rounds where round_id = new.round_id) is not null
begin
    select raise(abort, 'round is closed');
end;

create trigger if not exists closed_round_takes_no_confirmations
before insert on flag_confirmations
when (
    select r.closed_at from submissions s join rounds r using (round_id)
    where s.submission_id = new.submission_id
) is not null
begin
    select raise(abort, 'round is closed');
end;

create trigger if not exists closed_round_keeps_its_vintage before update on rounds
when old.closed_at is not null
begin
    select raise(abort, 'a closed round is frozen');
end;
