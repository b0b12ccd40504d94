namespace Kalm.Shield.Tests;

public class CategoryNameTests
{
    [Theory]
    [InlineData(Category.DiseaseCurse, "disease_curse")]
    [InlineData(Category.SexualHarassment, "sexual_harassment")]
    [InlineData(Category.SelfHarm, "self_harm")]
    public void Category_names_are_stable(Category category, string name)
    {
        Assert.Equal(name, category.ToName());
        Assert.True(CategoryNames.TryParseCategory(name, out var parsed));
        Assert.Equal(category, parsed);
    }
}
