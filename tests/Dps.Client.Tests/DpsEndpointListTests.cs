namespace Dps.Client.Tests;

public class DpsEndpointListTests
{
    private const string A = "coaps+tcp://a.example:15684";
    private const string B = "coaps+tcp://b.example:15684";
    private const string C = "coaps+tcp://c.example:15684";

    private static DpsEndpointList Three()
    {
        var list = new DpsEndpointList();
        list.Add(A, "a");
        list.Add(B, "b");
        list.Add(C, "c");
        return list;
    }

    [Test]
    public void New_IsEmptyWithoutSelection()
    {
        var list = new DpsEndpointList();
        Assert.Multiple(() =>
        {
            Assert.That(list.IsEmpty, Is.True);
            Assert.That(list.Selected, Is.Null);
            Assert.That(list, Is.Empty);
        });
    }

    [Test]
    public void Add_FirstAdded_IsSelected()
    {
        var list = Three();
        Assert.Multiple(() =>
        {
            Assert.That(list.IsEmpty, Is.False);
            Assert.That(list.Selected, Is.EqualTo(new DpsEndpoint(A, "a")));
            Assert.That(list.Select(e => e.Uri), Is.EqualTo(new[] { A, B, C }));
        });
    }

    [Test]
    public void Add_Duplicate_ReturnsFalse()
    {
        var list = Three();
        Assert.Multiple(() =>
        {
            Assert.That(list.Add(B, "other"), Is.False);
            Assert.That(list, Has.Count.EqualTo(3));
            Assert.That(list[1].Name, Is.EqualTo("b"));
        });
    }

    [Test]
    public void Add_EmptyOrTooLongUri_Throws()
    {
        var list = new DpsEndpointList();
        Assert.Multiple(() =>
        {
            Assert.That(() => list.Add(""), Throws.ArgumentException);
            Assert.That(() => list.Add("coaps+tcp://" + new string('x', DpsEndpoint.MaxUriLength)), Throws.ArgumentException);
            Assert.That(list.IsEmpty, Is.True);
        });
    }

    [Test]
    public void Remove_Selected_SelectsNext()
    {
        var list = Three();
        list.Select(B);
        Assert.Multiple(() =>
        {
            Assert.That(list.Remove(B), Is.True);
            Assert.That(list.Selected?.Uri, Is.EqualTo(C));
        });
    }

    [Test]
    public void Remove_SelectedLast_WrapsToFirst()
    {
        var list = Three();
        list.Select(C);
        list.Remove(C);
        Assert.That(list.Selected?.Uri, Is.EqualTo(A));
    }

    [Test]
    public void Remove_BeforeSelected_KeepsSelection()
    {
        var list = Three();
        list.Select(C);
        list.Remove(A);
        Assert.That(list.Selected?.Uri, Is.EqualTo(C));
    }

    [Test]
    public void Remove_LastOne_Empty()
    {
        var list = new DpsEndpointList();
        list.Add(A);
        Assert.Multiple(() =>
        {
            Assert.That(list.Remove(A), Is.True);
            Assert.That(list.IsEmpty, Is.True);
            Assert.That(list.Remove(A), Is.False);
        });
    }

    [Test]
    public void Select_ForeignUri_ReturnsFalseAndKeepsSelection()
    {
        var list = Three();
        Assert.Multiple(() =>
        {
            Assert.That(list.Select("coaps+tcp://other:1"), Is.False);
            Assert.That(list.Selected?.Uri, Is.EqualTo(A));
            Assert.That(list.Select(C), Is.True);
            Assert.That(list.IsSelected(C), Is.True);
        });
    }

    [Test]
    public void SelectNext_Wraps()
    {
        var list = Three();
        var seen = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            list.SelectNext();
            seen.Add(list.Selected!.Uri);
        }
        Assert.That(seen, Is.EqualTo(new[] { B, C, A, B }));
    }

    [Test]
    public void SelectNext_SingleEntry_NoChange()
    {
        var list = new DpsEndpointList();
        list.Add(A);
        Assert.Multiple(() =>
        {
            Assert.That(list.SelectNext(), Is.False);
            Assert.That(list.Selected?.Uri, Is.EqualTo(A));
        });
    }

    [Test]
    public void SetName_Renames()
    {
        var list = Three();
        Assert.Multiple(() =>
        {
            Assert.That(list.SetName(B, "renamed"), Is.True);
            Assert.That(list[1], Is.EqualTo(new DpsEndpoint(B, "renamed")));
            Assert.That(list.SetName("x://y", "n"), Is.False);
        });
    }

    [Test]
    public void SetEndpoint_ReplacesListAndReportsChange()
    {
        var list = Three();
        Assert.Multiple(() =>
        {
            Assert.That(list.SetEndpoint(B, "only"), Is.True);
            Assert.That(list.Select(e => e.Uri), Is.EqualTo(new[] { B }));
            Assert.That(list.SetEndpoint(B, "only"), Is.False);
            Assert.That(list.SetEndpoint(B, "renamed"), Is.True);
            Assert.That(list.SetEndpoint(""), Is.True);
            Assert.That(list.IsEmpty, Is.True);
            Assert.That(list.SetEndpoint(""), Is.False);
        });
    }

    [Test]
    public void ApplyRedirect_NewUri_ReplacesSelectedAndInheritsName()
    {
        var list = new DpsEndpointList();
        list.Add(A, "primary");
        Assert.Multiple(() =>
        {
            Assert.That(list.ApplyRedirect(C), Is.EqualTo(DpsRedirectResult.Redirected));
            Assert.That(list.ToList(), Is.EqualTo(new[] { new DpsEndpoint(C, "primary") }));
            Assert.That(list.Selected?.Uri, Is.EqualTo(C));
        });
    }

    [Test]
    public void ApplyRedirect_AlreadySelected_Nothing()
    {
        var list = Three();
        Assert.Multiple(() =>
        {
            Assert.That(list.ApplyRedirect(A), Is.EqualTo(DpsRedirectResult.AlreadySelected));
            Assert.That(list, Has.Count.EqualTo(3));
        });
    }

    [Test]
    public void ApplyRedirect_OtherEntryOfTwo_CollapsesToIt()
    {
        var list = new DpsEndpointList();
        list.Add(A, "a");
        list.Add(B, "b");
        Assert.Multiple(() =>
        {
            Assert.That(list.ApplyRedirect(B), Is.EqualTo(DpsRedirectResult.Redirected));
            Assert.That(list.ToList(), Is.EqualTo(new[] { new DpsEndpoint(B, "b") }));
        });
    }

    [TestCase(null)]
    [TestCase("")]
    public void ApplyRedirect_Empty_NothingChanges(string? uri)
    {
        var list = Three();
        Assert.Multiple(() =>
        {
            Assert.That(list.ApplyRedirect(uri), Is.EqualTo(DpsRedirectResult.Empty));
            Assert.That(list, Has.Count.EqualTo(3));
            Assert.That(list.Selected?.Uri, Is.EqualTo(A));
        });
    }

    [Test]
    public void ApplyRedirect_EmptyList_AddsAndSelects()
    {
        var list = new DpsEndpointList();
        Assert.Multiple(() =>
        {
            Assert.That(list.ApplyRedirect(A), Is.EqualTo(DpsRedirectResult.Redirected));
            Assert.That(list.Selected, Is.EqualTo(new DpsEndpoint(A)));
        });
    }

    [Test]
    public void SetEndpoint_OverLongUri_ThrowsAndKeepsList()
    {
        var list = Three();
        Assert.Multiple(() =>
        {
            Assert.That(() => list.SetEndpoint("coaps+tcp://" + new string('x', DpsEndpoint.MaxUriLength)), Throws.ArgumentException);
            Assert.That(list, Has.Count.EqualTo(3));
        });
    }
}
