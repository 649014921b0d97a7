using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace CircularPlatform.Members.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "municipalities",
                columns: table => new
                {
                    Name = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_municipalities", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "themes",
                columns: table => new
                {
                    Slug = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    NameFr = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    NameEn = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    WasteCodes = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_themes", x => x.Slug);
                });

            migrationBuilder.InsertData(
                table: "municipalities",
                columns: new[] { "Name", "Position" },
                values: new object[,]
                {
                    { "Ablain-Saint-Nazaire", 1 },
                    { "Aix-Noulette", 2 },
                    { "Angres", 3 },
                    { "Annay", 4 },
                    { "Avion", 5 },
                    { "Bénifontaine", 6 },
                    { "Billy-Montigny", 7 },
                    { "Bouvigny-Boyeffles", 8 },
                    { "Bully-les-Mines", 9 },
                    { "Carency", 10 },
                    { "Éleu-dit-Leauwette", 11 },
                    { "Estevelles", 12 },
                    { "Fouquières-lès-Lens", 13 },
                    { "Givenchy-en-Gohelle", 14 },
                    { "Gouy-Servins", 15 },
                    { "Grenay", 16 },
                    { "Harnes", 17 },
                    { "Hulluch", 18 },
                    { "Lens", 19 },
                    { "Liévin", 20 },
                    { "Loison-sous-Lens", 21 },
                    { "Loos-en-Gohelle", 22 },
                    { "Mazingarbe", 23 },
                    { "Méricourt", 24 },
                    { "Meurchin", 25 },
                    { "Montigny-en-Gohelle", 26 },
                    { "Noyelles-sous-Lens", 27 },
                    { "Pont-à-Vendin", 28 },
                    { "Sains-en-Gohelle", 29 },
                    { "Sallaumines", 30 },
                    { "Servins", 31 },
                    { "Souchez", 32 },
                    { "Vendin-le-Vieil", 33 },
                    { "Villers-au-Bois", 34 },
                    { "Vimy", 35 },
                    { "Wingles", 36 }
                });

            migrationBuilder.InsertData(
                table: "themes",
                columns: new[] { "Slug", "NameEn", "NameFr", "Position", "WasteCodes" },
                values: new object[,]
                {
                    { "batteries", "End-of-life batteries: loops and reuse", "Batteries en fin de vie : boucles et réemploi", 2, "16 06" },
                    { "bio-waste", "Bio-waste and its treatment tools", "Biodéchets et outils de traitement", 1, "02;20 01 08;20 02" },
                    { "building-materials", "Reuse and recycling of building materials", "Réemploi et recyclage des matériaux du bâtiment", 5, "17" },
                    { "electronic-boards", "Recycling of electronic boards", "Recyclage des cartes électroniques", 4, "16 02" },
                    { "funding", "Funding and support programmes", "Financements et dispositifs d'accompagnement", 9, "" },
                    { "industrial-synergies", "Industrial synergies and ecology", "Synergies et écologie industrielles", 8, "" },
                    { "local-food", "Sustainable local food systems", "Systèmes alimentaires locaux durables", 7, "" },
                    { "soil-decontamination", "Soil decontamination", "Dépollution des sols", 3, "17 05;19 13" },
                    { "water", "Water and groundwater", "Eau et nappes phréatiques", 6, "" }
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "municipalities");

            migrationBuilder.DropTable(
                name: "themes");
        }
    }
}
