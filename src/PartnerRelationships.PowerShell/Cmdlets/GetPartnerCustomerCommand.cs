using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using PartnerRelationships.Core.Text;
using PartnerRelationships.Core.Workflow;
using PartnerRelationships.PowerShell.Infrastructure;
using PartnerRelationships.Core.Errors;

namespace PartnerRelationships.PowerShell.Cmdlets;

/// <summary>
/// Lists the partner's customers with their reseller and granular relationships and admin-permission state. Results
/// stream page by page, so the first customers show (and Select-Object -First stops the listing) before the last page;
/// only while the relationship list loads are customer pages read ahead (a bounded number, see CustomerDirectory).
/// As PowerShell's Get- cmdlets do, a name without wildcards or an explicit tenant id that finds nobody is a
/// non-terminating ObjectNotFound error; a wildcard that matches nobody is silent.
/// </summary>
[Cmdlet(VerbsCommon.Get, "PartnerCustomer")]
[OutputType(typeof(PartnerCustomer))]
public sealed class GetPartnerCustomerCommand : ConnectedCmdlet
{
    [Parameter(Position = 0)]
    [Alias("CustomerName", "CompanyName")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    [Parameter(ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("CustomerTenantId", "Id")]
    [ValidateNotNullOrEmpty]
    public string? TenantId { get; set; }

    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string? Domain { get; set; }

    [Parameter]
    public SwitchParameter IncludeEndedRelationships { get; set; }

    protected override void ProcessRecord()
    {
        Try(() =>
        {
            var names = (Name ?? Array.Empty<string>()).Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n.Trim()).ToList();
            var filter = new PartnerCustomerQuery
            {
                Names = names,
                TenantId = TenantId,
                Domain = Domain,
                IncludeEndedRelationships = IncludeEndedRelationships.IsPresent,
            };
            var directory = new CustomerDirectory(Connection.GraphGdap, Connection.PartnerCenter);

            // Kept only to say what was not found: a plain listing (100,000 customers at a large partner) holds none.
            var found = new List<string>();
            var reportMissing = names.Count > 0 || !string.IsNullOrWhiteSpace(TenantId);
            foreach (var customer in Stream(token => directory.ListAsync(filter, token)))
            {
                if (reportMissing)
                {
                    found.Add(customer.Name);
                }

                WriteObject(customer);
            }

            if (!string.IsNullOrWhiteSpace(TenantId) && found.Count == 0)
            {
                WriteError(ErrorRecords.Create(ErrorIds.Workflow.CustomerNotFound, ErrorCategory.ObjectNotFound,
                    $"No customer with tenant id {TenantId!.Trim()}{Criteria(names)} is known to Partner Center or through a granular relationship. List customers with Get-PartnerCustomer.",
                    TenantId));
                return;
            }

            foreach (var name in names.Where(n => !TextWildcard.ContainsWildcard(n)))
            {
                var exact = new TextWildcard(name);
                if (!found.Any(exact.IsMatch))
                {
                    WriteError(ErrorRecords.Create(ErrorIds.Workflow.CustomerNotFound, ErrorCategory.ObjectNotFound,
                        $"No customer named '{name}'{(Domain is null ? "" : $" with domain '{Domain}'")} was found. Use a wildcard to search (Get-PartnerCustomer -Name '{name}*'), or list every customer with Get-PartnerCustomer.",
                        name));
                }
            }
        });
    }

    private string Criteria(IReadOnlyList<string> names)
    {
        var parts = new List<string>();
        if (names.Count > 0) parts.Add($"named {string.Join(" or ", names.Select(n => $"'{n}'"))}");
        if (Domain is not null) parts.Add($"with domain '{Domain}'");
        return parts.Count == 0 ? "" : " " + string.Join(" ", parts);
    }
}
