using System.Security.Claims;
using System.Text.Json.Nodes;
using CrmPlatform.Customers.Access;
using CrmPlatform.Interactions.Visibility;
using CrmPlatform.ServiceDefaults.Api;
using CrmPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http;

namespace CrmPlatform.UnitTests.Security;

/// <summary>The role rules that decide reach, visible fields, writable fields and departments.</summary>
public sealed class RoleRulesTests
{
    [Theory]
    [InlineData(true, CrmRoles.SalesRep)]
    [InlineData(false, CrmRoles.SalesRep, CrmRoles.SalesManager)]
    [InlineData(false, CrmRoles.SalesRep, CrmRoles.Accounting)]
    [InlineData(false, CrmRoles.Admin)]
    [InlineData(false, CrmRoles.Marketing)]
    public void Only_a_caller_who_is_nothing_but_a_sales_rep_is_limited_to_their_own_customers(bool limited, params string[] roles) =>
        CallerIdentity.IsLimitedToOwnCustomers(User("someone", roles)).ShouldBe(limited);

    [Fact]
    public void The_caller_id_is_the_subject_else_the_client_and_never_for_an_anonymous_request()
    {
        CallerIdentity.IdOf(User("ana.seller", CrmRoles.SalesRep)).ShouldBe("ana.seller");
        var client = new ClaimsPrincipal(new ClaimsIdentity([new Claim(CrmClaims.ClientId, "logistics-system")], "Bearer", CrmClaims.Subject, CrmClaims.Role));
        CallerIdentity.IdOf(client).ShouldBe("logistics-system");
        CallerIdentity.IdOf(new ClaimsPrincipal(new ClaimsIdentity([new Claim(CrmClaims.Subject, "forged")]))).ShouldBeNull();
    }

    [Fact]
    public void Fields_are_hidden_by_role_and_a_second_role_adds_what_it_sees()
    {
        CustomerFieldVisibility.HiddenFrom(User("x", CrmRoles.SalesRep)).ShouldBeEmpty();
        CustomerFieldVisibility.HiddenFrom(User("x", CrmRoles.Marketing)).ShouldBe(["taxId", "fiscal", "creditLimit", "currency", "paymentTermsDays", "overdueInvoices", "addresses", "email", "phone"], ignoreOrder: true);
        CustomerFieldVisibility.HiddenFrom(User("x", CrmRoles.Logistics)).ShouldBe(["taxId", "fiscal", "creditLimit", "currency", "paymentTermsDays", "overdueInvoices"], ignoreOrder: true);
        CustomerFieldVisibility.HiddenFrom(User("x", CrmRoles.Logistics, CrmRoles.Accounting)).ShouldBeEmpty();
    }

    [Fact]
    public void Redaction_removes_the_hidden_members_and_keeps_the_rest_as_written()
    {
        var redacted = CustomerFieldVisibility.Redact("""{"legalName":"Comércio","taxId":"123","fiscal":{"taxRegime":"simples"}}""", new HashSet<string> { "taxId", "fiscal" });

        redacted.ShouldBe("""{"legalName":"Comércio"}""");
    }

    [Theory]
    [InlineData(CrmRoles.SalesRep, """{"legalName":"A","ownerId":"b","creditLimit":1}""", "ownerId,creditLimit")]
    [InlineData(CrmRoles.Accounting, """{"fiscal":{},"paymentTermsDays":30,"addresses":[]}""", "addresses")]
    [InlineData(CrmRoles.Logistics, """{"addresses":[],"legalName":"A"}""", "legalName")]
    [InlineData(CrmRoles.SalesManager, """{"ownerId":"b","stage":"lead","creditLimit":1}""", "")]
    public void Each_role_may_set_only_its_fields(string role, string body, string refused)
    {
        var errors = new FieldErrors();

        WritableFields.Check(User("x", role), JsonNode.Parse(body)!.AsObject(), errors);

        errors.ToDictionary().Keys.Order().ShouldBe(refused.Split(',', StringSplitOptions.RemoveEmptyEntries).Order());
    }

    [Theory]
    [InlineData(Departments.All, CrmRoles.Admin)]
    [InlineData(Departments.Sales, CrmRoles.SalesRep)]
    [InlineData(Departments.Sales | Departments.Marketing, CrmRoles.SalesManager, CrmRoles.Marketing)]
    [InlineData(Departments.Support, CrmRoles.SupportAgent)]
    [InlineData(Departments.None, CrmRoles.Analyst)]
    public void A_callers_departments_come_from_their_roles(Departments expected, params string[] roles) =>
        Caller.Departments(new DefaultHttpContext { User = User("x", roles) }).ShouldBe(expected);

    private static ClaimsPrincipal User(string subject, params string[] roles) =>
        new(new ClaimsIdentity(
            [new Claim(CrmClaims.Subject, subject), .. roles.Select(r => new Claim(CrmClaims.Role, r))],
            "Bearer", CrmClaims.Subject, CrmClaims.Role));
}
