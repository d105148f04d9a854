package io.stratum.access;

/** A principal's role in one workspace. */
public record Member(String principalId, String name, Role role) {}
