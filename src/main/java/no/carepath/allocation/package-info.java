/**
 * The allocation office's case, from referral to decision (vedtak): process
 * {@code processes/allocation/allocation-case.bpmn}, decision {@code allocation-eligibility.dmn},
 * forms {@code forms/allocation/*}, external-task topic {@code allocation-send-decision-letter},
 * tables {@code allocation_*}. The public API is {@link no.carepath.allocation.AllocationCases}.
 */
package no.carepath.allocation;
