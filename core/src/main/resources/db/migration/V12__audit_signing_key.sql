-- The Ed25519 key that signs the audit chain's checkpoints and head (#17): one key for every server
-- sharing the database, so any server verifies what another signed. The private key is sealed by
-- the body cipher (a data key wrapped by the customer's key: KMS, or the local master key file), so
-- a reader of the database can neither sign nor swap in a key of its own.
CREATE TABLE audit_signing_keys (
    key_id               VARCHAR(64)    PRIMARY KEY,
    public_key           VARCHAR(200)   NOT NULL,
    sealed_private_key   VARCHAR(1000)  NOT NULL,
    created_at           TIMESTAMP      NOT NULL
);
