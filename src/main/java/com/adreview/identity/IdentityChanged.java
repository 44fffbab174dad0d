package com.adreview.identity;

import java.util.Set;

/**
 * Whose record is whose changed: accounts were linked or unlinked, or an identifier changed holder.
 * The live ads of these accounts' entities are re-evaluated (a link can pull; an unlink reinstates
 * nothing by itself).
 *
 * @param accounts the accounts whose entities changed
 * @param cause LINKED, UNLINKED or ASSIGNED, the cause a resulting pull records
 * @param reference the link or identifier that changed
 */
public record IdentityChanged(Set<String> accounts, String cause, String reference) {}
