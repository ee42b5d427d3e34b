using PartnerRelationships.Core.Invites;

namespace PartnerRelationships.Core.Tests.Invites;

public class DraftFileNamesTests
{
    [Theory]
    [InlineData("Contoso", "Contoso.eml")]
    [InlineData("Northwind Traders", "Northwind-Traders.eml")]
    [InlineData("  A   B\tC  ", "A-B-C.eml")]
    [InlineData("a/b\\c:d*e?f\"g<h>i|j", "a_b_c_d_e_f_g_h_i_j.eml")]
    [InlineData("Müller & Söhne", "Müller-&-Söhne.eml")]
    [InlineData("...", "invite.eml")]
    [InlineData("Acme Inc.", "Acme-Inc.eml")]
    [InlineData("CON", "CON_.eml")]
    [InlineData("nul", "nul_.eml")]
    public void Makes_portable_file_names(string customer, string expected)
    {
        Assert.Equal(expected, DraftFileNames.ForCustomer(customer));
    }

    [Fact]
    public void Long_names_are_cut()
    {
        Assert.Equal(DraftFileNames.MaxStemBytes + 4, DraftFileNames.ForCustomer(new string('n', 300)).Length);
    }
}
